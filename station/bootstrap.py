"""First run on the embedded defaults: settings file, data folder, database, demo PKI, demo officer.

Everything made here is marked DEMO so nobody mistakes it for production: the PKI's subject names,
the officer's display name, and the notice printed when it is made.
"""

from __future__ import annotations

import logging
import logging.handlers
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from station.config import Settings, write_default_settings
from station.errors import SettingsError

if TYPE_CHECKING:
    from cryptography import x509

    from station.pki.demo import DemoPki
    from station.pki.signers import BankKey
    from station.pki.trust import Trust
    from station.signing.sign import SigningKit
from station.messages import Message
from station.store.cases import Store

DEMO_OFFICER_ID = "demo"
DEMO_OFFICER_PIN = "135790"

log = logging.getLogger(__name__)
_pki_lock = threading.Lock()  # the GUI's warm-up may make the PKI while a worker opens the signing kit


@dataclass
class FirstRun:
    """What ``prepare`` made on this run (empty lists when everything was there already)."""

    created: list[str] = field(default_factory=list)
    demo_officer: bool = False  # the DEMO admin with the well-known PIN was made: tell the user

    @property
    def anything(self) -> bool:
        return bool(self.created)


def configure_logging(settings: Settings, verbose: bool = False) -> None:
    """Log to ``<data>/logs/station.log`` (rotated). Log lines carry ids and masked values only."""
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        settings.log_dir / "station.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name("station")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "station"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def uses_demo_pki(settings: Settings) -> bool:
    """Whether the settings sign with the DEMO PKI (the bank key is the demo PKCS#12); reads no file."""
    s = settings.signing
    return s.bank_key == "pkcs12" and s.pkcs12_file is None


def station_pki(settings: Settings) -> DemoPki:
    """The station's DEMO PKI folder, with whatever is missing made (the borrower CA and the local TSA
    live there even when the bank's key is elsewhere). Imports pyHanko's stack: keep it off start."""
    from station.pki.demo import ensure_demo_pki

    with _pki_lock:
        return ensure_demo_pki(settings.pki_dir, settings.bank.name)


def demo_pki(settings: Settings) -> DemoPki | None:
    """The demo PKI when the settings use it (the bank key is the demo PKCS#12)."""
    return station_pki(settings) if uses_demo_pki(settings) else None


def bank_pkcs12(settings: Settings) -> tuple[Path, str]:
    """The bank's PKCS#12 file and its passphrase, from the settings or the DEMO PKI."""
    s = settings.signing
    pki = demo_pki(settings)
    path = s.pkcs12_file or (pki.bank_p12_file if pki else None)
    if path is None:
        raise SettingsError("settings-pkcs12-file-unset")
    if s.pkcs12_passphrase is not None:
        return path, s.pkcs12_passphrase.get_secret_value()
    if pki is None:
        raise SettingsError("settings-pkcs12-passphrase-unset")
    return path, pki.bank_passphrase()


def signing_trust(settings: Settings, pki: DemoPki) -> Trust:
    """What signing trusts: the DEMO root and CRLs, plus the roots and CRL files the settings name."""
    from station.pki.certs import CertificateFileError, read_certificates, read_crls
    from station.pki.trust import Trust

    s = settings.signing
    demo = Trust.from_demo_pki(pki)
    try:
        roots = [cert for f in s.trust_roots for cert in read_certificates(f)]
        crls = [crl for f in s.crl_files for crl in read_crls(f)]
    except CertificateFileError as exc:
        if exc.unreadable:
            raise SettingsError("settings-trust-unreadable", problem=exc.message) from exc
        raise SettingsError("settings-trust-not-certificate", problem=exc.message) from exc
    return Trust(
        (*demo.roots, *roots), demo.intermediates, (*demo.crls, *crls),
        allow_fetching=s.online_revocation, revocation_mode="hard-fail" if s.online_revocation else "require",
        label=Message("trust-demo-and-configured") if roots else demo.label,
    )


def signing_kit(settings: Settings, pkcs11_pin: str | None = None) -> SigningKit:
    """The signing kit the settings describe: the bank's key (PKCS#12 or PKCS#11), the borrower
    certificate issuer (the DEMO borrower CA), trust, the timestamp service and the stamp font.

    Opening it reads keys and draws the seal (about half a second): make it once and reuse it.
    """
    from station.documents.fonts import stamp_font
    from station.signing.sign import SigningKit
    from station.timestamps.client import timestamper_for

    s = settings.signing
    pki = station_pki(settings)
    trust = signing_trust(settings, pki)
    bank = _open_bank_key(settings, trust, pkcs11_pin)
    try:
        return SigningKit.assemble(bank, pki.borrower_issuer(), trust, timestamper_for(s.tsa_url, pki),
                                   stamp_font(), settings.bank.name)
    except BaseException:
        bank.close()
        raise


def bank_key(settings: Settings, pkcs11_pin: str | None = None) -> BankKey:
    """The bank's key alone, opened as the settings say (to seal evidence bundles); close it when done."""
    return _open_bank_key(settings, signing_trust(settings, station_pki(settings)), pkcs11_pin)


def _open_bank_key(settings: Settings, trust: Trust, pkcs11_pin: str | None) -> BankKey:
    from station.errors import BankKeyError
    from station.pki.signers import Pkcs11Key, Pkcs12Key, open_bank_key

    s = settings.signing
    source: Pkcs11Key | Pkcs12Key
    if s.bank_key == "pkcs11":
        missing = [n for n in ("pkcs11_module", "pkcs11_token_label", "pkcs11_key_label") if getattr(s, n) is None]
        secret = pkcs11_pin or (s.pkcs11_pin.get_secret_value() if s.pkcs11_pin else None)
        if missing or secret is None:
            names: list[str | Message] = [f"signing.{m}" for m in missing]
            if secret is None:
                names.append(Message("settings-pkcs11-pin"))
            raise BankKeyError("settings-pkcs11-incomplete", names=tuple(names))
        source = Pkcs11Key(s.pkcs11_module, s.pkcs11_token_label, s.pkcs11_key_label, secret)  # type: ignore[arg-type]
    else:
        source = Pkcs12Key(*bank_pkcs12(settings))
    return open_bank_key(source, chain=[*trust.intermediates, *trust.roots])


def sync_recipient(settings: Settings) -> x509.Certificate:
    """The branch's certificate that evidence bundles are encrypted to: ``sync.recipient_cert`` (PEM or
    DER) when set, else the DEMO branch sync certificate of the station's PKI folder."""
    from cryptography import x509

    from station.pki.certs import CertificateFileError, read_certificates

    path = settings.sync.recipient_cert
    if path is None:
        return station_pki(settings).branch_sync_cert()
    try:
        first = read_certificates(path)[0]
    except CertificateFileError as exc:
        if exc.unreadable:
            raise SettingsError("settings-recipient-unreadable", path=str(path), problem=exc.message) from exc
        raise SettingsError("settings-recipient-not-certificate", path=str(path), problem=exc.message) from exc
    return x509.load_der_x509_certificate(first.dump())


def prepare(settings: Settings, store: Store) -> FirstRun:
    """Make whatever of the embedded defaults is missing (``prepare_start`` then ``prepare_pki``); idempotent."""
    return prepare_pki(settings, prepare_start(settings, store))


def prepare_start(settings: Settings, store: Store) -> FirstRun:
    """The fast part of the first run, what sign-in needs: the settings file and the DEMO officer."""
    run = FirstRun()
    if not settings.config_file.exists():
        write_default_settings(settings.config_file)
        _made(run, f"settings file {settings.config_file}")
    if not store.officers.any():
        store.officers.bootstrap(DEMO_OFFICER_ID, "DEMO 管理员", DEMO_OFFICER_PIN)
        _made(run, f"DEMO admin officer '{DEMO_OFFICER_ID}'")
        run.demo_officer = True
    return run


def prepare_pki(settings: Settings, run: FirstRun | None = None) -> FirstRun:
    """The slow part: make the DEMO PKI if the settings use it and it is missing (the GUI runs this in
    its warm-up worker); adds what it made to ``run``."""
    from station.pki.demo import DemoPki

    run = run or FirstRun()
    if uses_demo_pki(settings):
        existed = DemoPki.at(settings.pki_dir).root_cert_file.exists()
        station_pki(settings)
        if not existed:
            _made(run, "DEMO PKI (root, issuing CA, bank PKCS#12, TSA, borrower CA, branch sync certificate) "
                       f"in {settings.pki_dir}")
    return run


def _made(run: FirstRun, what: str) -> None:
    run.created.append(what)
    log.info("first run: made %s", what)
